# Sandbox core: the object store and the list/watch semantics of the Kubernetes API.
acp_add_test(NAME tst_objectstore LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_objectstore.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_listwatch LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_listwatch.cpp LIBS acp_sandbox Qt6::Network Qt6::WebSockets)
