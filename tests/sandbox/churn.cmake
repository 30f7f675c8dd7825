# acp-sandbox: ChurnGenerator (--churn, PUT /sandbox/v1/churn).
acp_add_test(NAME tst_churn LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_churn.cpp LIBS acp_sandbox Qt6::Network)
