# NetworkPool's TLS configuration (CA bundles parsed once); certificates from the sandbox's generator.
acp_add_test(NAME tst_networkpool LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_networkpool.cpp LIBS acp_api acp_sandbox)
