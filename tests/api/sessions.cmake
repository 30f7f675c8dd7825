# ACP sessions e2e (login against acp-sandbox, kubeconfig entries as ac writes them).
acp_add_test(NAME tst_acpsessions LABEL e2e TIMEOUT 120 SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_acpsessions.cpp LIBS acp_api)
add_dependencies(tst_acpsessions acp-sandbox)
