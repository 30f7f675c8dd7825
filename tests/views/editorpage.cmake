acp_add_test(NAME tst_editorpage LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_editorpage.cpp ${CMAKE_CURRENT_LIST_DIR}/EditorPageFixture.h ${CMAKE_CURRENT_LIST_DIR}/ConsoleHarness.h
  LIBS acp_app TIMEOUT 300)
acp_add_test(NAME tst_editorflows LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_editorflows.cpp ${CMAKE_CURRENT_LIST_DIR}/EditorPageFixture.h
  ${CMAKE_CURRENT_LIST_DIR}/ConsoleHarness.h LIBS acp_app TIMEOUT 300)
