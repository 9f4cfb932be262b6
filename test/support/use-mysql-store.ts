/** Jest's `mysql` project: every sandbox fixture keeps its store on the DVCS_TEST_MYSQL_URL server. */
process.env.DVCS_TEST_STORE = 'mysql';
