# acpctl apply / diff versus the real kubectl on acp-sandbox (skips without kubectl).
acp_add_test(NAME tst_acpctlapply LABEL conformance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_acpctlapply.cpp LIBS Qt6::Core TIMEOUT 300)
add_dependencies(tst_acpctlapply acpctl acp-sandbox)
