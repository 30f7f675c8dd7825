acp_add_test(NAME tst_informer_chaos LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_informer_chaos.cpp
  ${CMAKE_SOURCE_DIR}/bench/ChaosRun.cpp LIBS acp_models acp_api TIMEOUT 300)
acp_add_test(NAME tst_clusterconnection LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clusterconnection.cpp
  LIBS acp_models acp_api TIMEOUT 120)
