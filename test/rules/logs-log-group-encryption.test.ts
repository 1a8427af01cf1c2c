import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'LogGroup', 'Properties'];
const KEY = [...P, 'KmsKeyId'];

/** A key whose policy lets the account administer it and CloudWatch Logs (regional principal) use it. */
function logsKey(id: string): string {
  return `  ${id}:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'
          - Sid: Logs
            Effect: Allow
            Principal:
              Service: !Sub 'logs.\${AWS::Region}.amazonaws.com'
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*']
            Resource: '*'`;
}

/** A key whose policy grants only the account: CloudWatch Logs cannot use it. */
const ACCOUNT_ONLY_KEY = `  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'`;

ruleTester('logs-log-group-encryption', {
  valid: [
    {
      name: 'a single-statement mapping and a JSON-string key policy are read',
      yaml: `
Resources:
  K1:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          Effect: Allow
          Principal: {Service: logs.amazonaws.com}
          Action: 'kms:*'
          Resource: '*'
  K2:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.us-east-1.amazonaws.com"}, "Action": "kms:*", "Resource": "*"}]}'
  A:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt K1.Arn
  B:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt K2.Arn
`,
    },
    {
      name: 'CDK and URLSuffix forms of the Logs service principal are recognised',
      yaml: `
Resources:
  CdkKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: !Join ['', [logs., !Ref 'AWS::Region', .amazonaws.com]]
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']
            Resource: '*'
  SuffixKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: [ec2.amazonaws.com, !Sub 'logs.\${AWS::Region}.\${AWS::URLSuffix}']
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']
            Resource: '*'
  A:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt CdkKey.Arn
  B:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt SuffixKey.Arn
`,
    },
    {
      name: 'key ARN (GetAtt) of a template key whose policy allows CloudWatch Logs',
      yaml: `
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'key policy naming a literal regional Logs principal in a list',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal:
              Service: [logs.us-east-1.amazonaws.com, delivery.logs.amazonaws.com]
            Action: [kms:Encrypt*, kms:Decrypt*, kms:GenerateDataKey*, kms:Describe*]
            Resource: '*'
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId:
        Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'key ARN built with Fn::Sub around a template key that allows Logs',
      yaml: `
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/\${Key}'
`,
    },
    {
      name: 'key ARN literal, and from a parameter Default',
      yaml: `
Parameters:
  LogKeyArn:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
  LogGroup2:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref LogKeyArn
`,
    },
    {
      name: 'both Fn::If branches are ARNs of keys that allow Logs',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
${logsKey('KeyA')}
${logsKey('KeyB')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [Prod, !GetAtt KeyA.Arn, !GetAtt KeyB.Arn]
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: logs-log-group-encryption
            reason: Build logs only, never PHI (SEC-31)
`,
    },
  ],
  invalid: [
    {
      name: 'a key id or alias ARN built with Fn::Sub is not the key ARN',
      yaml: `
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - {Effect: Allow, Principal: {Service: logs.amazonaws.com}, Action: 'kms:*', Resource: '*'}
  A:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub '\${K}'
  B:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:alias/phi'
`,
      findings: [
        { messageId: 'keyNotArn', path: ['Resources', 'A', 'Properties', 'KmsKeyId'], severity: 'error', fix: 'safe', message: 'gives the key ID of K' },
        { messageId: 'keyNotArn', path: ['Resources', 'B', 'Properties', 'KmsKeyId'], severity: 'error', message: 'an alias ARN' },
      ],
    },
    {
      name: 'a replica key named by Ref or KeyId is not an ARN; its Arn passes through Sub too',
      yaml: `
Resources:
  R:
    Type: AWS::KMS::ReplicaKey
    Properties:
      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1234
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: !Sub 'logs.\${AWS::Region}.amazonaws.com'}
            Action: 'kms:*'
            Resource: '*'
  A:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref R
  B:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub '\${R.Arn}'
`,
      findings: [{ messageId: 'keyNotArn', path: ['Resources', 'A', 'Properties', 'KmsKeyId'], severity: 'error', fix: 'safe', message: 'Ref to R, which returns the key ID' }],
    },
    {
      name: 'an alias or a bare key id is not the ARN Logs needs',
      yaml: `
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: alias/phi-logs
  LogGroup2:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [
        { messageId: 'keyNotArn', path: KEY, severity: 'error', fix: 'none', message: 'alias alias/phi-logs' },
        { messageId: 'keyNotArn', path: ['Resources', 'LogGroup2', 'Properties', 'KmsKeyId'], severity: 'error', fix: 'none', message: 'key ID 1234abcd' },
      ],
    },
    {
      name: 'a key policy written with Fn::If is judged in each branch; one without Logs fails',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !If
        - Prod
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: {Service: !Sub 'logs.\${AWS::Region}.amazonaws.com'}
              Action: 'kms:*'
              Resource: '*'
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'}
              Action: 'kms:*'
              Resource: '*'
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'keyPolicyMissingLogs', path: KEY, severity: 'error', fix: 'none' }],
    },
    {
      name: 'a key policy whose principal is only known at deploy time is unverifiable, not a silent pass',
      yaml: `
Parameters:
  Principal:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: !Ref Principal}
            Action: 'kms:*'
            Resource: '*'
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'policyUnverifiable', path: KEY, severity: 'info', message: 'key policy of Key' }],
    },
    {
      name: 'no KmsKeyId, one key that Logs may use: safe fix with its ARN',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS:
                Fn::Sub: arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
          - Sid: Logs
            Effect: Allow
            Principal:
              Service:
                Fn::Sub: logs.\${AWS::Region}.amazonaws.com
            Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*]
            Resource: '*'
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /phi/app
      RetentionInDays: 365 # keep
`,
      findings: [{ messageId: 'serviceKey', path: KEY, severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS:
                Fn::Sub: arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
          - Sid: Logs
            Effect: Allow
            Principal:
              Service:
                Fn::Sub: logs.\${AWS::Region}.amazonaws.com
            Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*]
            Resource: '*'
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /phi/app
      RetentionInDays: 365 # keep
      KmsKeyId:
        Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'no KmsKeyId, the only key does not allow Logs: not offered; a suggestion adds a key Logs may use',
      yaml: `
Resources:
${ACCOUNT_ONLY_KEY}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
`,
      findings: [{ messageId: 'serviceKey', path: KEY, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'no Properties, no key in the template: a suggestion adds one',
      yaml: `
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
`,
      findings: [{ messageId: 'serviceKey', path: KEY, severity: 'warning', fix: 'suggest', message: 'keys CloudWatch Logs manages' }],
    },
    {
      name: 'two keys that allow Logs: a suggestion per key, no safe fix',
      yaml: `
Resources:
${logsKey('KeyA')}
${logsKey('KeyB')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
`,
      findings: [{ messageId: 'serviceKey', path: KEY, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Ref to the key gives its id, not the ARN Logs needs: violation with a safe fix',
      yaml: `Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref Key
      RetentionInDays: 365
`,
      findings: [{ messageId: 'keyNotArn', path: KEY, severity: 'error', fix: 'safe', message: 'Ref to Key, which returns the key ID' }],
      output: `Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt Key.Arn
      RetentionInDays: 365
`,
    },
    {
      name: 'a key without KeyPolicy (default policy: account only) fails the deployment (peers never look)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'keyPolicyMissingLogs', path: KEY, severity: 'error', fix: 'none', message: 'key Key' }],
    },
    {
      name: 'a key policy without the Logs principal: a suggestion appends the statement to the key policy',
      yaml: `
Resources:
${ACCOUNT_ONLY_KEY}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'keyPolicyMissingLogs', path: KEY, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'a Sub-built ARN of a key without the Logs principal is judged through the reference',
      yaml: `
Resources:
${ACCOUNT_ONLY_KEY}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/\${Key}'
`,
      findings: [{ messageId: 'keyPolicyMissingLogs', path: KEY, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Ref to a key without KeyPolicy: both problems, each at the property',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref Key
`,
      findings: [
        { messageId: 'keyNotArn', path: KEY, severity: 'error', fix: 'safe' },
        { messageId: 'keyPolicyMissingLogs', path: KEY, severity: 'error', fix: 'none' },
      ],
    },
    {
      name: 'only the false branch of Fn::If uses Ref (peers check only the true branch); the fix rewrites that branch',
      yaml: `Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, !Ref Key]
`,
      findings: [{ messageId: 'keyNotArn', path: [...KEY, 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
      output: `Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, !GetAtt Key.Arn]
`,
    },
    {
      name: 'only the false branch of Fn::If drops the key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'serviceKey', path: [...KEY, 'Fn::If', 2], severity: 'warning', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'an empty parameter Default means no key, reported at the property naming the parameter',
      yaml: `
Parameters:
  LogKeyArn:
    Type: String
    Default: ''
Resources:
${logsKey('Key')}
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref LogKeyArn
`,
      findings: [{ messageId: 'serviceKey', path: KEY, severity: 'warning', fix: 'safe', message: 'parameter LogKeyArn' }],
    },
    {
      name: 'optional key parameter: the branch that uses it depends on a non-default value (unverifiable), the other has none',
      yaml: `
Parameters:
  LogKeyArn:
    Type: String
    Default: ''
Conditions:
  HasKey: !Not [!Equals [!Ref LogKeyArn, '']]
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [HasKey, !Ref LogKeyArn, !Ref 'AWS::NoValue']
`,
      findings: [
        { messageId: 'unverifiable', path: [...KEY, 'Fn::If', 1], severity: 'info', fix: 'none', message: 'parameter LogKeyArn is given at deploy time' },
        { messageId: 'serviceKey', path: [...KEY, 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition HasKey is false' },
      ],
    },
    {
      name: 'imported key and parameter without Default are unverifiable, never a silent pass',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !ImportValue shared-log-key-arn
  LogGroup2:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: KEY, severity: 'info', fix: 'none', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: ['Resources', 'LogGroup2', 'Properties', 'KmsKeyId'], severity: 'info', fix: 'none', message: 'parameter KeyArn, which has no Default' },
      ],
    },
  ],
});
