import Foundation

/// A stand-in `aws` command that answers each call the live reader makes with canned JSON:
/// an organisation of two active accounts and a suspended one, two permission sets, a user
/// and a group.
public enum FakeAWS {
    /// A folder with an `aws` script answering every call the reader makes; `failing` makes
    /// that operation fail as the AWS CLI does (a message on standard error, exit 254).
    /// `inlinePolicy` is ReadOnlyAccess's as the answer's JSON string holds it.
    public static func make(
        failing: String? = nil, organizationReadable: Bool = true, sessionDuration: String = #""PT1H""#,
        inlinePolicy: String =
            #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}]}"#
    ) throws -> (
        folder: String, environment: [String: String]
    ) {
        let folder = try temporaryFolder()
        let org =
            organizationReadable
            ? #"echo '{"Organization": {"MasterAccountId": "111111111111"}}'"#
            : #"echo 'An error occurred (AccessDeniedException) when calling the DescribeOrganization operation: no' >&2; exit 254"#
        var script = """
            #!/bin/sh
            # Every call is logged, one line each, for the test to count.
            echo "$*" >> "\(folder)/calls"
            case "$1 $2" in
            "\(failing ?? "none")") echo; echo 'An error occurred (ThrottlingException) when calling the operation: Rate exceeded'; echo >&2 'An error occurred (ThrottlingException) when calling the operation: Rate exceeded' >&2; exit 254 ;;
            "sso-admin list-instances") echo '{"Instances": [{"InstanceArn": "arn:i", "IdentityStoreId": "d-1"}]}' ;;
            "organizations describe-organization") \(org) ;;
            "organizations list-delegated-administrators") echo '{"DelegatedAdministrators": [{"Id": "222222222222"}]}' ;;
            "organizations list-accounts") echo '{"Accounts": [{"Id": "111111111111", "Name": "Mgmt", "Status": "ACTIVE"}, {"Id": "222222222222", "Name": "Infra", "Status": "ACTIVE"}, {"Id": "999999999999", "Name": "Old", "Status": "SUSPENDED"}]}' ;;
            "sso-admin list-permission-sets") echo '{"PermissionSets": ["arn:ps-a", "arn:ps-r"]}' ;;
            "sso-admin describe-permission-set")
                case "$*" in *arn:ps-a*) echo '{"PermissionSet": {"Name": "AdministratorAccess", "PermissionSetArn": "arn:ps-a", "SessionDuration": \(sessionDuration)}}' ;;
                *) echo '{"PermissionSet": {"Name": "ReadOnlyAccess", "PermissionSetArn": "arn:ps-r", "Description": "read"}}' ;; esac ;;
            "identitystore list-users") echo '{"Users": [{"UserId": "u1", "UserName": "ann", "Emails": [{"Value": "other@x"}, {"Value": "ann@x", "Primary": true}]}]}' ;;
            "identitystore list-groups") echo '{"Groups": [{"GroupId": "g1", "DisplayName": "Ops"}]}' ;;
            "identitystore list-group-memberships") echo '{"GroupMemberships": [{"GroupId": "g1", "MemberId": {"UserId": "u1"}}]}' ;;
            "sso-admin list-permission-sets-provisioned-to-account")
                case "$*" in *111111111111*) echo '{"PermissionSets": ["arn:ps-r", "arn:foreign"]}' ;; *) echo '{"PermissionSets": ["arn:ps-a"]}' ;; esac ;;
            "sso-admin list-account-assignments")
                case "$*" in *222222222222*) echo '{"AccountAssignments": [{"AccountId": "222222222222", "PermissionSetArn": "arn:ps-a", "PrincipalType": "USER", "PrincipalId": "u1"}]}' ;;
                *) echo '{"AccountAssignments": [{"AccountId": "111111111111", "PermissionSetArn": "arn:ps-r", "PrincipalType": "GROUP", "PrincipalId": "g1"}]}' ;; esac ;;
            "sso-admin list-managed-policies-in-permission-set")
                case "$*" in *arn:ps-a*) echo '{"AttachedManagedPolicies": [{"Name": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}' ;;
                *) echo '{"AttachedManagedPolicies": [{"Name": "ViewOnlyAccess", "Arn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"}, {"Name": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}' ;; esac ;;
            "sso-admin list-customer-managed-policy-references-in-permission-set")
                case "$*" in *arn:ps-a*) echo '{"CustomerManagedPolicyReferences": []}' ;;
                *) echo '{"CustomerManagedPolicyReferences": [{"Name": "audit-extras", "Path": "/security/"}, {"Name": "billing-read"}]}' ;; esac ;;
            "sso-admin get-inline-policy-for-permission-set")
                case "$*" in *arn:ps-a*) echo '{"InlinePolicy": ""}' ;;
                *) echo '{"InlinePolicy": "\(inlinePolicy)"}' ;; esac ;;
            "sso-admin get-permissions-boundary-for-permission-set")
                case "$*" in *arn:ps-a*) echo >&2 'An error occurred (ResourceNotFoundException) when calling the GetPermissionsBoundaryForPermissionSet operation: none'; exit 254 ;;
                *) echo '{"PermissionsBoundary": {"CustomerManagedPolicyReference": {"Name": "boundary", "Path": "/"}}}' ;; esac ;;
            "sso-admin list-tags-for-resource") echo '{"Tags": [{"Key": "team", "Value": "ops"}]}' ;;
            "sso-admin list-accounts-for-provisioned-permission-set")
                case "$*" in *arn:ps-a*) echo '{"AccountIds": ["222222222222"]}' ;; *) echo '{"AccountIds": []}' ;; esac ;;
            "organizations list-roots") echo '{"Roots": [{"Id": "r-1", "Name": "Root"}]}' ;;
            "organizations list-organizational-units-for-parent")
                case "$*" in *r-1*) echo '{"OrganizationalUnits": [{"Id": "ou-w", "Name": "Workloads"}]}' ;; *) echo '{"OrganizationalUnits": []}' ;; esac ;;
            "organizations list-accounts-for-parent")
                case "$*" in *r-1*) echo '{"Accounts": [{"Id": "111111111111"}]}' ;; *) echo '{"Accounts": [{"Id": "222222222222"}]}' ;; esac ;;
            "organizations list-tags-for-resource")
                case "$*" in *222222222222*) echo '{"Tags": [{"Key": "env", "Value": "prod"}]}' ;; *) echo '{"Tags": []}' ;; esac ;;
            *) echo "unexpected call: $*" >&2; exit 2 ;;
            esac

            """
        script = script.replacingOccurrences(of: "\n            ", with: "\n")
        try writeExecutable(script, to: folder + "/aws")
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = folder + ":/usr/bin:/bin"
        environment["AWS_REGION"] = "eu-west-1"
        return (folder, environment)
    }
}
