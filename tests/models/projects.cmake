acp_add_test(NAME tst_projectmodels LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_projectmodels.cpp
  LIBS acp_models)
