acp_add_test(NAME tst_mainwindow LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mainwindow.cpp ${CMAKE_CURRENT_LIST_DIR}/ConsoleHarness.h
  LIBS acp_app TIMEOUT 120)
acp_add_test(NAME tst_objectnamesearch LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_objectnamesearch.cpp LIBS acp_app)
acp_add_test(NAME tst_shell LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_shell.cpp LIBS acp_app TIMEOUT 180)
add_dependencies(tst_shell acp-console)
