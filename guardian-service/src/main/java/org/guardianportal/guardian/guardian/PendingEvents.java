package org.guardianportal.guardian.guardian;

import java.util.List;

import org.guardianportal.contracts.GuardianEmailUpdated;

/** One guardian's events not yet acknowledged by the broker, oldest first: they must be published in this order. */
record PendingEvents(String guardianId, List<GuardianEmailUpdated> events) {
}
