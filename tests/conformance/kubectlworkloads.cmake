# Conformance: kubectl rollout / logs -f / drain against acp-sandbox's simulated controllers.
acp_add_test(NAME tst_kubectlworkloads LABEL conformance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubectlworkloads.cpp LIBS Qt6::Core TIMEOUT 120)
add_dependencies(tst_kubectlworkloads acp-sandbox)
