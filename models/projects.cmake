# The Projects area's models: project spec/validation, quota usage tree, list, batch quota, access.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ProjectSpec.h ${CMAKE_CURRENT_LIST_DIR}/ProjectSpec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProjectQuotaModel.h ${CMAKE_CURRENT_LIST_DIR}/ProjectQuotaModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProjectListModel.h ${CMAKE_CURRENT_LIST_DIR}/ProjectListModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProjectQuotaBatch.h ${CMAKE_CURRENT_LIST_DIR}/ProjectQuotaBatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProjectAccess.h ${CMAKE_CURRENT_LIST_DIR}/ProjectAccess.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProjectClient.h ${CMAKE_CURRENT_LIST_DIR}/ProjectClient.cpp)
