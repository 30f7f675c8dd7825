acp_add_test(NAME tst_platformsso LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_platformsso.cpp LIBS acp_sandbox)
