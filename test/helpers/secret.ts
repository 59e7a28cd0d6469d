/** The APP_SECRET of test processes; the test databases register its entry proof (sql/022). */
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';
