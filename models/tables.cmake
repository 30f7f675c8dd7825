# Shared table models: per-kind columns as data (TableColumns), semantic status per kind
# (ObjectStatus + rows), the store-backed ResourceTableModel and its filter/sort proxy.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ObjectStatus.h ${CMAKE_CURRENT_LIST_DIR}/ObjectStatus.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectStatusKinds.h
  ${CMAKE_CURRENT_LIST_DIR}/ObjectStatusWorkloads.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectStatusCluster.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TableColumns.h ${CMAKE_CURRENT_LIST_DIR}/TableColumns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceTableModel.h ${CMAKE_CURRENT_LIST_DIR}/ResourceTableModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceTableModelData.h
  ${CMAKE_CURRENT_LIST_DIR}/ResourceTableModelDelta.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceTableModelCache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModel.h ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModelSource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModelAsync.cpp ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModelJob.h
  ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModelIndex.h ${CMAKE_CURRENT_LIST_DIR}/ResourceFilterProxyModelIndex.cpp)
