# PolicyReport aggregation for the Policies page (unit).
acp_add_test(NAME tst_policyreportsummary LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_policyreportsummary.cpp LIBS acp_models)
