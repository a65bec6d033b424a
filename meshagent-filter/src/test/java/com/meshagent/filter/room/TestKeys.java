package com.meshagent.filter.room;

/** Fixtures from docs/meshagent-protocol.md §3 and §4.5 (composed there, not real credentials). */
final class TestKeys {
    private TestKeys() {}

    static final String KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";
    static final String KEY_ID = "123e4567-e89b-12d3-a456-426614174000";
    static final String PROJECT_ID = "0f1e2d3c-4b5a-6978-90ab-cdef12345678";
    static final String SECRET = "s3cr3t-with-dashes";

    static final String VECTOR = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiYWxpY2VAZXhhbXBsZS5jb20iLCJncmFudHMiOlt7Im5hbWUiOiJyb29tIiwic2NvcGUiOiJteS1yb29tIn0seyJuYW1lIjoicm9sZSIsInNjb3BlIjoidXNlciJ9LHsibmFtZSI6ImFwaSIsInNjb3BlIjp7ImxpdmVraXQiOnt9LCJxdWV1ZXMiOnt9LCJtZXNzYWdpbmciOnt9LCJkYXRhc2V0Ijp7fSwic3FsaXRlIjp7fSwibWVtb3J5Ijp7fSwic3luYyI6e30sInN0b3JhZ2UiOnt9LCJjb250YWluZXJzIjp7fSwiZGV2ZWxvcGVyIjp7fSwiYWdlbnRzIjp7fSwic2VydmljZXMiOnt9fX1dLCJzdWIiOiIwZjFlMmQzYy00YjVhLTY5NzgtOTBhYi1jZGVmMTIzNDU2NzgiLCJraWQiOiIxMjNlNDU2Ny1lODliLTEyZDMtYTQ1Ni00MjY2MTQxNzQwMDAiLCJ2ZXJzaW9uIjoiMC41MC4xIn0.t4Tn_Bz2a0IcK3AObsgOaDBNAyQwASmaZM_Ioh2S0hs";

    static ApiKey key() {
        return ApiKey.parse(KEY);
    }
}
