package org.guardianportal.credential.batch;

import java.util.List;

/** {@code POST /api/credentials/batches}: the guardians to give a temporary password. */
record BatchRequest(List<String> guardianIds) {
}
