acp_add_test(NAME tst_platformclient LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_platformclient.cpp LIBS acp_api TIMEOUT 120)
