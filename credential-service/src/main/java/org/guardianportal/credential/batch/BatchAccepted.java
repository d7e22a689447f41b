package org.guardianportal.credential.batch;

import java.util.List;

import org.guardianportal.contracts.RejectionReason;

/** The answer to a batch request: how many guardians were queued, and who was refused and why. */
public record BatchAccepted(String batchId, int requested, int accepted, List<Rejection> rejected) {

    public record Rejection(String guardianId, RejectionReason reason) {
    }
}
