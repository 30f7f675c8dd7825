acp_add_test(NAME tst_labelselector LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_labelselector.cpp LIBS acp_models)
acp_add_test(NAME tst_fieldselector LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fieldselector.cpp LIBS acp_models)
acp_add_test(NAME tst_quantity LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_quantity.cpp LIBS acp_models)
acp_add_test(NAME tst_rbacevaluator LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_rbacevaluator.cpp LIBS acp_models)
