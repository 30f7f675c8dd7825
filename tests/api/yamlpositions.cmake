acp_add_test(NAME tst_yamlpositions LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_yamlpositions.cpp LIBS acp_api)
