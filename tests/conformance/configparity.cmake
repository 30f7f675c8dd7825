# acpctl config ... versus the real kubectl config ... (skips without kubectl).
acp_add_test(NAME tst_configparity LABEL conformance SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_configparity.cpp LIBS Qt6::Core TIMEOUT 600)
add_dependencies(tst_configparity acpctl)
