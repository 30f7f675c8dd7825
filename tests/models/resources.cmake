# The Resources area's models: permission answers (SelfSubjectAccessReview) and object relations
# against acp-sandbox; the kind catalog and filtering nodes by metadata.name as units.
acp_add_test(NAME tst_accessreviewcache LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_accessreviewcache.cpp
  LIBS acp_models TIMEOUT 120)
acp_add_test(NAME tst_objectrelations LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_objectrelations.cpp
  LIBS acp_models TIMEOUT 120)
acp_add_test(NAME tst_resourcekindcatalog LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcekindcatalog.cpp
  LIBS acp_models)
