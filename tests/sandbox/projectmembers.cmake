# Project member bindings: project roles (UserBindings) become RoleBindings in every project namespace.
acp_add_test(NAME tst_projectmembers LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_projectmembers.cpp LIBS acp_sandbox)
