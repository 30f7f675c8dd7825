acp_add_test(NAME tst_platformapi LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_platformapi.cpp LIBS acp_sandbox OpenSSL::Crypto)
