acp_add_test(NAME tst_fleethealthmodel LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fleethealthmodel.cpp LIBS acp_models)
acp_add_test(NAME tst_nodedrain LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_nodedrain.cpp ${CMAKE_SOURCE_DIR}/tests/common/SandboxProcess.h
  LIBS acp_models TIMEOUT 180)
