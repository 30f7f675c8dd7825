acp_add_test(NAME tst_kubeconfig LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubeconfig.cpp LIBS acp_api)
acp_add_test(NAME tst_kubeconfig_credentials LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubeconfig_credentials.cpp LIBS acp_api)
