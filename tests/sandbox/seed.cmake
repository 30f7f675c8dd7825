# acp-sandbox: the seed (demo and scale mode) and the simulated controllers.
acp_add_test(NAME tst_seed LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_seed.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_controllers LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_controllers.cpp LIBS acp_sandbox)
