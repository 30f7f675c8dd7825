acp_add_test(NAME tst_kubeobject LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kubeobject.cpp LIBS acp_models Qt6::Concurrent)
acp_add_test(NAME tst_resourcestore LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcestore.cpp LIBS acp_models)
acp_add_test(NAME tst_informer LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_informer.cpp ${CMAKE_CURRENT_LIST_DIR}/FakeListWatcher.h
  LIBS acp_models)
