acp_add_test(NAME tst_resourcespage LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcespage.cpp ${CMAKE_CURRENT_LIST_DIR}/ConsoleHarness.h
  LIBS acp_app TIMEOUT 240)
