-- A second migration used only by the tests: proves migrations apply in order on an existing database.
CREATE TABLE test_extra (id INT PRIMARY KEY);
INSERT INTO test_extra (id) VALUES (42);
