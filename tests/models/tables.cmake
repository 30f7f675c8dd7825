acp_add_test(NAME tst_resourcetablemodel LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcetablemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/TableTestUtil.h
  LIBS acp_models)
acp_add_test(NAME tst_resourcefilterproxymodel LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcefilterproxymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/TableTestUtil.h
  LIBS acp_models)
acp_add_test(NAME tst_resourcefilterproxymodelasync LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_resourcefilterproxymodelasync.cpp ${CMAKE_CURRENT_LIST_DIR}/TableTestUtil.h
  LIBS acp_models)
