package org.guardianportal.credential.batch;

/** Where one guardian of a batch stands: waiting for its password, given one, or refused. */
enum BatchItemState {
    QUEUED,
    ISSUED,
    REJECTED
}
