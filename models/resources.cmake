# The Resources area's logic: permission answers from the cluster (SelfSubjectAccessReview),
# owner chains / owned objects / events around one object, and the kind catalog of the browser.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/AccessReviewCache.h ${CMAKE_CURRENT_LIST_DIR}/AccessReviewCache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectRelations.h ${CMAKE_CURRENT_LIST_DIR}/ObjectRelations.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceKindCatalog.h ${CMAKE_CURRENT_LIST_DIR}/ResourceKindCatalog.cpp)
