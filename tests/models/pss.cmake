# Pod security beyond the evaluator: agreement with the Kyverno policy library (unit, reads
# ../shared), acpctl pss check (unit: runs the built acpctl on files), the template catalog and
# the Policies page models against acp-sandbox (e2e).
acp_add_test(NAME tst_psskyverno LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_psskyverno.cpp LIBS acp_models)
acp_add_test(NAME tst_psstemplates LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_psstemplates.cpp LIBS acp_models)
acp_add_test(NAME tst_psspolicies LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_psspolicies.cpp
  ${CMAKE_SOURCE_DIR}/tests/common/SandboxProcess.h LIBS acp_models TIMEOUT 240)
acp_add_test(NAME tst_pssfindings LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_pssfindings.cpp LIBS acp_models)
