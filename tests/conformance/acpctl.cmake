# acpctl get / api-resources / login versus the real kubectl on acp-sandbox (skips without kubectl).
acp_add_test(NAME tst_acpctl LABEL conformance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_acpctl.cpp LIBS Qt6::Core TIMEOUT 300)
add_dependencies(tst_acpctl acpctl acp-sandbox)
