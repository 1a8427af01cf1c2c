import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Db', 'Properties'];
const BASE = `
      ClusterName: phi-store
      NodeType: db.r7g.large
      ACLName: phi-acl`;

ruleTester('memorydb-cluster-encryption', {
  valid: [
    {
      name: 'TLS by default, customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      KmsKeyId: !Ref Key
`,
    },
    {
      name: 'explicit TLSEnabled true, key alias literal',
      yaml: `
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      TLSEnabled: true
      KmsKeyId: alias/phi-memorydb
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: memorydb-cluster-encryption
            reason: Feature flags only, never PHI (SEC-61)
    Properties:${BASE}
`,
    },
  ],
  invalid: [
    {
      name: 'no KmsKeyId: default key (hardening); TLS default passes',
      yaml: `
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'MemoryDB default key' }],
    },
    {
      name: 'TLS turned off',
      yaml: `
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      TLSEnabled: false
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [{ messageId: 'tlsDisabled', path: [...P, 'TLSEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'TLS from a parameter Default false, AWS managed key',
      yaml: `
Parameters:
  Tls:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      TLSEnabled: !Ref Tls
      KmsKeyId: alias/aws/memorydb
`,
      findings: [
        { messageId: 'tlsDisabled', path: [...P, 'TLSEnabled'], severity: 'error', fix: 'suggest' },
        { messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/memorydb' },
      ],
    },
    {
      name: 'Fn::If branches',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      TLSEnabled: !If [Prod, true, false]
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [
        { messageId: 'tlsDisabled', path: [...P, 'TLSEnabled', 'Fn::If', 2], severity: 'error', fix: 'suggest' },
        { messageId: 'defaultKey', path: [...P, 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'ImportValue: unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::MemoryDB::Cluster
    Properties:${BASE}
      TLSEnabled: !ImportValue shared-tls
      KmsKeyId: !ImportValue shared-key
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'TLSEnabled'], severity: 'info' },
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info' },
      ],
    },
  ],
});
