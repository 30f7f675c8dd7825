# Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf): wire decoder and schema tables.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Protobuf.h ${CMAKE_CURRENT_LIST_DIR}/Protobuf.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchema.h ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaMeta.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaCore1.cpp ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaCore2.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaApps.cpp ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaAuth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProtobufSchemaOther.cpp)
