# Conformance: fieldValidation (kubectl apply/replace --validate) against acp-sandbox.
acp_add_test(NAME tst_kubectlfields LABEL conformance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubectlfields.cpp LIBS Qt6::Core TIMEOUT 120)
add_dependencies(tst_kubectlfields acp-sandbox)
