acp_add_test(NAME tst_yaml LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_yaml.cpp LIBS acp_api yaml-cpp)
