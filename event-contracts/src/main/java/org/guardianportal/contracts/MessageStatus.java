package org.guardianportal.contracts;

/** The life of a notification message. */
public enum MessageStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED
}
