# Gateway client e2e tests (start acp-sandbox with TLS; need ACP_BIN_DIR/acp-sandbox).
acp_add_test(NAME tst_kubeclient LABEL e2e TIMEOUT 120
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubeclient.cpp ${CMAKE_CURRENT_LIST_DIR}/KubeClientTestUtil.h
  LIBS acp_api)
acp_add_test(NAME tst_watchstream LABEL e2e TIMEOUT 120
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_watchstream.cpp ${CMAKE_CURRENT_LIST_DIR}/KubeClientTestUtil.h
  LIBS acp_api)
acp_add_test(NAME tst_apidiscovery LABEL e2e TIMEOUT 120
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_apidiscovery.cpp ${CMAKE_CURRENT_LIST_DIR}/KubeClientTestUtil.h
  LIBS acp_api)
