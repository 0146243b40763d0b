package hu.tokenplatform.tokenmanager.install;

import hu.tokenplatform.tokenmanager.os.LinuxProcesses;

/** Whether this process runs with administrator rights: on Linux, an effective user id of 0. */
final class Privileges {

    private Privileges() {
    }

    static boolean administrator() {
        return LinuxProcesses.effectiveUid().orElse(-1) == 0;
    }
}
