acp_add_test(NAME tst_schemavalidator LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_schemavalidator.cpp LIBS acp_models)
acp_add_test(NAME tst_yamlvalidationservice LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_yamlvalidationservice.cpp ${CMAKE_SOURCE_DIR}/tests/common/SandboxProcess.h
  LIBS acp_models TIMEOUT 180)
