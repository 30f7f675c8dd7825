# Kyverno in the sandbox (sandbox/kyverno.cmake): the engine on its own and against the upstream
# pod-security policy library (unit), and admission + background reports through kubectl (e2e).
acp_add_test(NAME tst_kyvernoengine LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kyvernoengine.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_kyvernoadmission LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kyvernoadmission.cpp LIBS acp_sandbox)
