package dev.ordersprofiles.local.asl;

/** Execution status as DescribeExecution reports it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
}
