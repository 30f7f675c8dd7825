# Apply logic: ApplyObjects, SecretCodec and DraftStore as units; ApplyEngine against acp-sandbox.
acp_add_test(NAME tst_applyobjects LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_applyobjects.cpp LIBS acp_models)
acp_add_test(NAME tst_applyengine LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_applyengine.cpp
  ${CMAKE_SOURCE_DIR}/tests/common/SandboxProcess.h LIBS acp_models TIMEOUT 180)
