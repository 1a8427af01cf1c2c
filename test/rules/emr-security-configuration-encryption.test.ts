import { ruleTester } from '../helpers/rule-tester';

const CL = ['Resources', 'Cluster', 'Properties'];
const SC = ['Resources', 'SecConf', 'Properties', 'SecurityConfiguration'];
const EC = [...SC, 'EncryptionConfiguration'];

const GOOD = `
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      Name: phi-emr
      SecurityConfiguration:
        EncryptionConfiguration:
          EnableInTransitEncryption: true
          EnableAtRestEncryption: true
          InTransitEncryptionConfiguration:
            TLSCertificateConfiguration:
              CertificateProviderType: PEM
              S3Object: s3://certs/emr.zip
          AtRestEncryptionConfiguration:
            S3EncryptionConfiguration:
              EncryptionMode: SSE-KMS
              AwsKmsKey: arn:aws:kms:us-east-1:111122223333:key/abc
            LocalDiskEncryptionConfiguration:
              EncryptionKeyProviderType: AwsKms
              AwsKmsKey: arn:aws:kms:us-east-1:111122223333:key/abc
`;

ruleTester('emr-security-configuration-encryption', {
  valid: [
    {
      name: 'cluster refers to a complete security configuration (Ref)',
      yaml: `
Resources:${GOOD}
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      ReleaseLabel: emr-7.1.0
      SecurityConfiguration: !Ref SecConf
`,
    },
    {
      name: 'cluster names the security configuration by its literal Name',
      yaml: `
Resources:${GOOD}
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      SecurityConfiguration: phi-emr
`,
    },
    {
      name: 'security configuration as a JSON string',
      yaml: `
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration: '{"EncryptionConfiguration": {"EnableInTransitEncryption": true, "EnableAtRestEncryption": true, "InTransitEncryptionConfiguration": {"TLSCertificateConfiguration": {"CertificateProviderType": "PEM", "S3Object": "s3://certs/emr.zip"}}, "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}, "LocalDiskEncryptionConfiguration": {"EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "arn:aws:kms:us-east-1:111122223333:key/abc"}}}}'
`,
    },
  ],
  invalid: [
    {
      name: 'cluster without SecurityConfiguration',
      yaml: `
Resources:
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      ReleaseLabel: emr-7.1.0
`,
      findings: [{ messageId: 'noSecurityConfiguration', path: [...CL, 'SecurityConfiguration'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'cluster names a configuration outside the template: unverifiable',
      yaml: `
Resources:
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      SecurityConfiguration: shared-emr-config
`,
      findings: [{ messageId: 'unverifiable', path: [...CL, 'SecurityConfiguration'], severity: 'info', message: 'shared-emr-config' }],
    },
    {
      name: 'cluster configuration from a parameter without Default: unverifiable',
      yaml: `
Parameters:
  EmrConfig:
    Type: String
Resources:
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      SecurityConfiguration: !Ref EmrConfig
`,
      findings: [{ messageId: 'unverifiable', path: [...CL, 'SecurityConfiguration'], severity: 'info' }],
    },
    {
      name: 'security configuration removed in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:${GOOD}
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      SecurityConfiguration: !If [Prod, !Ref SecConf, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'noSecurityConfiguration', path: [...CL, 'SecurityConfiguration', 'Fn::If', 2], severity: 'error', message: 'Prod is false' }],
    },
    {
      name: 'peer mistake: cfn_nag W63 passes a cluster whose security configuration encrypts nothing',
      yaml: `
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration:
        AuthenticationConfiguration:
          KerberosConfiguration:
            Provider: ClusterDedicatedKdc
            ClusterDedicatedKdcConfiguration:
              TicketLifetimeInHours: 24
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      SecurityConfiguration: !Ref SecConf
`,
      findings: [
        { messageId: 'inTransitOff', path: [...EC, 'EnableInTransitEncryption'], severity: 'error', fix: 'none' },
        { messageId: 'atRestOff', path: [...EC, 'EnableAtRestEncryption'], severity: 'error', fix: 'none' },
      ],
    },
    {
      name: 'at rest without local disk or S3 settings',
      yaml: `
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration:
        EncryptionConfiguration:
          EnableInTransitEncryption: 'true'
          EnableAtRestEncryption: true
          AtRestEncryptionConfiguration: {}
`,
      findings: [
        { messageId: 'localDiskOff', path: [...EC, 'AtRestEncryptionConfiguration', 'LocalDiskEncryptionConfiguration'], severity: 'error' },
        { messageId: 's3Off', path: [...EC, 'AtRestEncryptionConfiguration', 'S3EncryptionConfiguration'], severity: 'warning' },
      ],
    },
    {
      name: 'JSON string with in-transit encryption off',
      yaml: `
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration: '{"EncryptionConfiguration": {"EnableInTransitEncryption": false, "EnableAtRestEncryption": true, "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}, "LocalDiskEncryptionConfiguration": {"EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "k"}}}}'
`,
      findings: [{ messageId: 'inTransitOff', path: [...EC, 'EnableInTransitEncryption'], severity: 'error', message: 'EnableInTransitEncryption: false' }],
    },
    {
      name: 'JSON string that does not parse: unverifiable',
      yaml: `
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration: '{"EncryptionConfiguration": '
`,
      findings: [{ messageId: 'unverifiable', path: SC, severity: 'info', message: 'not valid JSON' }],
    },
    {
      name: 'flag from a parameter without Default: unverifiable',
      yaml: `
Parameters:
  Transit:
    Type: String
Resources:
  SecConf:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration:
        EncryptionConfiguration:
          EnableInTransitEncryption: !Ref Transit
          EnableAtRestEncryption: true
          AtRestEncryptionConfiguration:
            S3EncryptionConfiguration: { EncryptionMode: SSE-S3 }
            LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: AwsKms, AwsKmsKey: k }
`,
      findings: [{ messageId: 'unverifiable', path: [...EC, 'EnableInTransitEncryption'], severity: 'info' }],
    },
  ],
});
