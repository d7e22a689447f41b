package org.guardianportal.guardian.guardian;

import org.guardianportal.contracts.GuardianEmailUpdated;

/** What a decision on a guardian produced: the guardian as it now is, and the event that says so. */
public record GuardianChange(Guardian before, Guardian after, GuardianEmailUpdated event) {
}
