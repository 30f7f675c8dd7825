# Tests of the protobuf request-body decoder (sandbox/protobuf.cmake).
acp_add_test(NAME tst_protobuf LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protobuf.cpp LIBS acp_sandbox)
