# The Pod security page against the sandbox (e2e, offscreen).
acp_add_test(NAME tst_policiespage LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_policiespage.cpp ${CMAKE_CURRENT_LIST_DIR}/ConsoleHarness.h
  LIBS acp_app TIMEOUT 300)
