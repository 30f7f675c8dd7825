# PssImpactPreview::summarize: problems folded into their top-most listed owner (unit).
acp_add_test(NAME tst_pssimpact LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_pssimpact.cpp LIBS acp_models)
